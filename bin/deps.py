"""Print the pinned requirements from pyproject.toml (runtime, or an extra such as `test`)."""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
extra = sys.argv[1] if len(sys.argv) > 1 else None
print(" ".join(project["optional-dependencies"][extra] if extra else project["dependencies"]))
