"""The window around the views: the sidebar and menus, the hub every change goes
through, the base every view builds on, and the style sheets."""
