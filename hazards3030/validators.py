"""The credit-code check lives with the enterprise register in org; kept importable here for the
code and migrations that name it by this path."""

from org.validators import CREDIT_CODE_CHARS, credit_code_check_char, validate_credit_code

__all__ = ["CREDIT_CODE_CHARS", "credit_code_check_char", "validate_credit_code"]
