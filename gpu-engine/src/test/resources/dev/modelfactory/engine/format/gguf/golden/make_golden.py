"""Writes golden.gguf with llama.cpp's own Python package (gguf 0.19.0, numpy), independent of our code.

For each ggml block type: tensor "q.<TYPE>" holds random blocks (scales set to finite fp16 values) and
"expected.<TYPE>" holds gguf-py's dequantisation of them as F32. Also metadata of every value type.
Run: PYTHONPATH=<unpacked gguf wheel> python3 make_golden.py
"""
import numpy as np
import gguf
from gguf import GGMLQuantizationType as T, quants

rng = np.random.default_rng(20261125)
ROWS = 2

# byte offsets of fp16 scale fields inside one block, per type
HALVES = {T.Q4_0: [0], T.Q4_1: [0, 2], T.Q5_0: [0], T.Q5_1: [0, 2], T.Q8_0: [0], T.Q2_K: [80, 82],
          T.Q3_K: [108], T.Q4_K: [0, 2], T.Q5_K: [0, 2], T.Q6_K: [208]}

w = gguf.GGUFWriter("golden.gguf", "llama")
w.add_uint8("t.u8", 200)
w.add_int8("t.i8", -5)
w.add_uint16("t.u16", 65535)
w.add_int16("t.i16", -2)
w.add_uint32("t.u32", 4294967295)
w.add_int32("t.i32", -7)
w.add_uint64("t.u64", 2**63 + 1)
w.add_int64("t.i64", -1)
w.add_float32("t.f32", 1.25)
w.add_float64("t.f64", 2.5)
w.add_bool("t.bool", True)
w.add_string("t.str", "h\u00e9llo \u2581")
w.add_array("t.arr", [1, 2, 3])
w.add_array("t.strs", ["a", "bc"])
for t, halves in HALVES.items():
    block, size = gguf.GGML_QUANT_SIZES[t]
    cols = block * 2
    raw = rng.integers(0, 256, size=(ROWS, (cols // block) * size), dtype=np.uint8)
    for r in range(ROWS):
        for b in range(cols // block):
            for h in halves:
                v = np.array([rng.uniform(-0.5, 0.5)], dtype=np.float16).view(np.uint8)
                raw[r, b * size + h: b * size + h + 2] = v
    deq = quants.dequantize(raw, t).astype(np.float32)
    w.add_tensor("q." + t.name, raw, raw_shape=raw.shape, raw_dtype=t)
    w.add_tensor("expected." + t.name, deq.reshape(ROWS, cols))
f16 = rng.standard_normal((3, 4)).astype(np.float16)
w.add_tensor("h.F16", f16)
w.add_tensor("expected.F16", f16.astype(np.float32))
w.write_header_to_file()
w.write_kv_data_to_file()
w.write_tensors_to_file()
w.close()
