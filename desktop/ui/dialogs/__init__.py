"""Windows opened from the views: the composer, the wizards, the small dialogs, and
what the user is told when data cannot be saved or opened."""
