"""Resolution: telling when two mentions, in any script or spelling, name the same thing."""
