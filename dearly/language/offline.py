"""Switch off what these libraries would otherwise send over the network.

Imported before onnxruntime or spaCy: onnxruntime 1.32 looks up a telemetry host a few seconds
after start-up and writes a device id under ~/.cache unless ORT_DISABLE_TELEMETRY is set before
its import (`disable_telemetry_events()` is not enough). The Hugging Face and tldextract variables
keep any library that might try a hub or the Public Suffix List from doing so.
"""

import os

# Only the test that proves the network check can fail sets this.
_KEEP_TELEMETRY = os.environ.get("DEARLY_TEST_KEEP_TELEMETRY") == "1"

for name, value in {
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
}.items():
    if not (_KEEP_TELEMETRY and name == "ORT_DISABLE_TELEMETRY"):
        os.environ[name] = value
