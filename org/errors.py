"""Domain errors that services raise and both pages and the API translate for the user."""


class Conflict(Exception):
    """The record is not in a state that allows this action (HTTP 409)."""
