"""Pages of the campaigns app. Each one: parse → scope → call a service → render."""
