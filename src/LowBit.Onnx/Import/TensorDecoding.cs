using System;
using System.Buffers.Binary;
using System.Linq;
using LowBit.Onnx.Evaluation;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx.Import;

/// <summary>
/// Reads a TensorProto's values from either of the two places ONNX allows: <c>raw_data</c> (little-endian
/// bytes) or the typed repeated fields (<c>float_data</c>, <c>int32_data</c>, …, which also carry int8,
/// uint8, int16 and bool, as the ONNX specification says).
/// </summary>
internal static class TensorDecoding
{
    public static OnnxTensor Decode(TensorProto proto, string where)
    {
        if (proto.DataLocation == 1 || proto.ExternalData.Count > 0)
        {
            throw new OnnxImportException($"{where}: tensor '{proto.Name}' keeps its values in an external file; save the model with its data inside (onnx.save(model, path, save_as_external_data=False)).");
        }

        int[] shape = proto.Dims.Select(d => d is >= 0 and <= int.MaxValue
            ? (int)d
            : throw new OnnxImportException($"{where}: tensor '{proto.Name}' has dimension {d}; expected 0 … {int.MaxValue}.")).ToArray();
        if (!Enum.IsDefined(typeof(TensorElement), proto.DataType))
        {
            throw new OnnxImportException($"{where}: tensor '{proto.Name}' has element type {proto.DataType}; the importer reads float, double, int8…int64, uint8…uint64 and bool.");
        }

        var element = (TensorElement)proto.DataType;
        long count = OnnxTensor.ElementCount(shape);
        double[] values = proto.HasRawData ? FromRaw(proto.RawData.Span, element, count, proto.Name, where) : FromTyped(proto, element);
        if (values.Length != count)
        {
            throw new OnnxImportException($"{where}: tensor '{proto.Name}' of shape [{string.Join(", ", shape)}] should hold {count} values, found {values.Length}.");
        }

        return new OnnxTensor(shape, values, element);
    }

    public static int ByteSize(TensorElement element) => element switch
    {
        TensorElement.UInt8 or TensorElement.Int8 or TensorElement.Bool => 1,
        TensorElement.UInt16 or TensorElement.Int16 => 2,
        TensorElement.Float or TensorElement.Int32 or TensorElement.UInt32 => 4,
        _ => 8,
    };

    private static double[] FromRaw(ReadOnlySpan<byte> raw, TensorElement element, long count, string name, string where)
    {
        int size = ByteSize(element);
        if (raw.Length != count * size)
        {
            throw new OnnxImportException($"{where}: tensor '{name}' has {raw.Length} bytes of raw_data; expected {count} × {size} = {count * size}.");
        }

        var values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            var bytes = raw.Slice(i * size, size);
            values[i] = element switch
            {
                TensorElement.Float => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                TensorElement.Double => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
                TensorElement.UInt8 or TensorElement.Bool => bytes[0],
                TensorElement.Int8 => (sbyte)bytes[0],
                TensorElement.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
                TensorElement.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
                TensorElement.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                TensorElement.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
                TensorElement.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            };
        }

        return values;
    }

    private static double[] FromTyped(TensorProto proto, TensorElement element) => element switch
    {
        TensorElement.Float => proto.FloatData.Select(v => (double)v).ToArray(),
        TensorElement.Double => proto.DoubleData.ToArray(),
        TensorElement.Int64 => proto.Int64Data.Select(v => (double)v).ToArray(),
        TensorElement.UInt32 or TensorElement.UInt64 => proto.Uint64Data.Select(v => (double)v).ToArray(),
        // int8 and int16 are stored sign-extended in int32_data; uint8/uint16/bool as their value.
        _ => proto.Int32Data.Select(v => (double)v).ToArray(),
    };
}
