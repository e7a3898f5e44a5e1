"""syria-offensive-2024: what news articles report about the late-November 2024 HTS-led offensive.

import syria_offensive
statements = syria_offensive.load("statements")
"""

from syria_offensive.load import load

__all__ = ["load"]
