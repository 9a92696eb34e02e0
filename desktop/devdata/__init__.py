"""Data made up for showing and measuring Rebound: the small sample a new user can
load, and the synthetic demo of any size for benchmarks. Qt-free; writes go through
the store's functions, called by ``desktop.operations``."""
