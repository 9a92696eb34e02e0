"""Start-up: the one function that opens the store and the window, what waits for the
first frame, the self-test, one instance per data folder, and the error hook."""
