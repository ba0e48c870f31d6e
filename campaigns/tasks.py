"""Jobs of the campaigns app: none yet.

The A5 indicators are measured by the monthly snapshot (plan.tasks) from the rows themselves,
and scans are counted as they happen, so nothing here needs to run on a schedule.
"""
