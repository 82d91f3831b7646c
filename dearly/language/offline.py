"""Switch off what these libraries would otherwise send over the network.

Imported before onnxruntime or spaCy: onnxruntime 1.32 looks up a telemetry host a few seconds
after start-up and writes a device id under ~/.cache unless ORT_DISABLE_TELEMETRY is set before
its import (`disable_telemetry_events()` is not enough). The Hugging Face and tldextract variables
keep any library that might try a hub or the Public Suffix List from doing so.
"""

import os

for name, value in {
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
}.items():
    os.environ[name] = value
