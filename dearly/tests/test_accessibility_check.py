import pytest

pytestmark = pytest.mark.browser


def test_the_accessibility_check_reports_serious_problems(page, axe):
    """The axe fixture the browser tests rely on really finds violations."""
    page.set_content('<html lang="en"><body><main><input type="text"><img src="x.png"></main></body></html>')
    rules = {v["id"] for v in axe(page)}
    assert {"label", "image-alt"} <= rules
