/**
 * A minimal ONNX `ModelProto` writer: just enough of the protobuf wire format (varints and
 * length-delimited fields) to build small inference graphs in tests without Python or an npm
 * package. Field numbers follow onnx/onnx.proto.
 */

/** `TensorProto.DataType` values used here. */
export const OnnxType = { FLOAT: 1, INT64: 7 } as const;

const WIRE_VARINT = 0;
const WIRE_BYTES = 2;
const ATTRIBUTE_INT = 2;
const utf8 = new TextEncoder();

/** Appends protobuf fields to a growing byte list. */
class Writer {
  private readonly parts: Uint8Array[] = [];

  varintField(field: number, value: number | bigint): this {
    this.parts.push(varint((field << 3) | WIRE_VARINT), varint(value));
    return this;
  }

  bytesField(field: number, bytes: Uint8Array): this {
    this.parts.push(varint((field << 3) | WIRE_BYTES), varint(bytes.length), bytes);
    return this;
  }

  stringField(field: number, value: string): this {
    return this.bytesField(field, utf8.encode(value));
  }

  finish(): Uint8Array {
    const length = this.parts.reduce((sum, part) => sum + part.length, 0);
    const out = new Uint8Array(length);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

/** Unsigned LEB128; negative numbers are written as 64-bit two's complement, as protobuf does. */
function varint(value: number | bigint): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v !== 0n);
  return Uint8Array.from(bytes);
}

/** One operator of the graph; its name is derived from its position. */
export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  /** Integer attributes only (e.g. Cast's `to`, Gather's `axis`). */
  intAttributes?: Record<string, number>;
}

/** A constant (initializer), stored as little-endian `raw_data`. */
export interface OnnxTensor {
  name: string;
  dims: number[];
  type: 'float' | 'int64';
  values: ArrayLike<number>;
}

/** A graph input or output with its element type and shape. */
export interface OnnxValueInfo {
  name: string;
  type: 'float' | 'int64';
  /** A number is a fixed size, a string a symbolic (dynamic) dimension such as `batch`. */
  shape: (number | string)[];
}

/** A single-graph model in the default (`ai.onnx`) domain. */
export interface OnnxModel {
  graphName: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /** Default-domain opset version; 17 is supported by every recent onnxruntime. */
  opset?: number;
}

function elemType(type: 'float' | 'int64'): number {
  return type === 'float' ? OnnxType.FLOAT : OnnxType.INT64;
}

function encodeTensor(tensor: OnnxTensor): Uint8Array {
  const w = new Writer();
  for (const dim of tensor.dims) w.varintField(1, dim);
  w.varintField(2, elemType(tensor.type));
  w.stringField(8, tensor.name);
  const width = tensor.type === 'float' ? 4 : 8;
  const raw = new DataView(new ArrayBuffer(tensor.values.length * width));
  for (let i = 0; i < tensor.values.length; i++) {
    const value = tensor.values[i] ?? 0;
    if (tensor.type === 'float') raw.setFloat32(i * 4, value, true);
    else raw.setBigInt64(i * 8, BigInt(value), true);
  }
  return w.bytesField(9, new Uint8Array(raw.buffer)).finish();
}

function encodeValueInfo(info: OnnxValueInfo): Uint8Array {
  const shape = new Writer();
  for (const dim of info.shape) {
    const d = new Writer();
    if (typeof dim === 'number') d.varintField(1, dim);
    else d.stringField(2, dim);
    shape.bytesField(1, d.finish());
  }
  const tensorType = new Writer().varintField(1, elemType(info.type)).bytesField(2, shape.finish()).finish();
  const type = new Writer().bytesField(1, tensorType).finish();
  return new Writer().stringField(1, info.name).bytesField(2, type).finish();
}

function encodeNode(node: OnnxNode, index: number): Uint8Array {
  const w = new Writer();
  for (const input of node.inputs) w.stringField(1, input);
  for (const output of node.outputs) w.stringField(2, output);
  w.stringField(3, `${node.opType}_${index}`);
  w.stringField(4, node.opType);
  for (const [name, value] of Object.entries(node.intAttributes ?? {})) {
    const attribute = new Writer().stringField(1, name).varintField(3, value).varintField(20, ATTRIBUTE_INT);
    w.bytesField(5, attribute.finish());
  }
  return w.finish();
}

/** Serialises `model` as an ONNX file's bytes. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const graph = new Writer();
  model.nodes.forEach((node, i) => graph.bytesField(1, encodeNode(node, i)));
  graph.stringField(2, model.graphName);
  for (const tensor of model.initializers) graph.bytesField(5, encodeTensor(tensor));
  for (const input of model.inputs) graph.bytesField(11, encodeValueInfo(input));
  for (const output of model.outputs) graph.bytesField(12, encodeValueInfo(output));

  const opset = new Writer()
    .stringField(1, '')
    .varintField(2, model.opset ?? 17)
    .finish();
  return new Writer()
    .varintField(1, 8) // ir_version 8 (ONNX 1.10+)
    .stringField(2, 'helpdesk-bot-tests')
    .bytesField(7, graph.finish())
    .bytesField(8, opset)
    .finish();
}
