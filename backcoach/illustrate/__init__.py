"""Exercise pictures drawn from the body model: start and end positions and a looping rep.

    from backcoach.illustrate import write_illustrations
    write_illustrations(out_dir)   # {id}-start.svg, {id}-end.svg, {id}-rep.svg for all nine
"""

from backcoach.illustrate.files import (
    ILLUSTRATION_KINDS,
    illustration_path,
    shipped_dir,
    write_illustrations,
)

__all__ = ["ILLUSTRATION_KINDS", "illustration_path", "shipped_dir", "write_illustrations"]
