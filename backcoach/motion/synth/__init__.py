"""The synthetic body: exercise recordings with ground truth, from a kinematic model.

    from backcoach.motion.synth import SynthSpec, generate
    rec = generate(SynthSpec(exercise="straight-leg-raises", reps=5, faults={"bent_knee": [2]}))
    rec.truth["count"]   # 10 (5 each leg)
"""

from backcoach.motion.synth.body import JOINT_RANGES, Body, joint_angles
from backcoach.motion.synth.generate import generate
from backcoach.motion.synth.spec import EXTRA_FAULTS, VIEWS, SynthSpec, fault_ids

__all__ = ["EXTRA_FAULTS", "JOINT_RANGES", "VIEWS", "Body", "SynthSpec", "fault_ids", "generate",
           "joint_angles"]
