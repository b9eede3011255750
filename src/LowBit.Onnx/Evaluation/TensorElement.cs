namespace LowBit.Onnx.Evaluation;

/// <summary>The element types the importer reads, with ONNX's numbering (TensorProto.DataType).</summary>
public enum TensorElement
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
}
