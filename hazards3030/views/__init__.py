"""Pages of the 3030 loop, one module per part: the hazards, their loop, enterprises, accidents
and the 3030 windows (``hazards``), public tip-offs and the township's queue (``tips``), and
internal-report rewards (``rewards``). Each page: parse → scope → call a service → render; the
shared pieces come from org.views."""
