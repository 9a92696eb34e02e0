"""One module per sidebar view, and the list-and-detail parts they share."""
