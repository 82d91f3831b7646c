"""The desk's pages, one module per part of the practice; every view is desk_required."""
