"""`python -m bench`: run the camera-coach benchmark."""

import sys

from bench.pose_bench import main

if __name__ == "__main__":
    sys.exit(main())
