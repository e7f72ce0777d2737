"""Motion: pose estimation, landmark recordings, geometry, analyzers and the synthetic body."""
