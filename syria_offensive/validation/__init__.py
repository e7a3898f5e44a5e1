"""`python -m syria_offensive.validation PATH`: the toolkit's validator (news_statements.validation), kept under
this name for the GitHub Action, the pre-commit hook and scripts written before the toolkit was split out."""
