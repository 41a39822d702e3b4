"""The only non-UI Qt code: the selection bus, background pollers and the task runner."""
