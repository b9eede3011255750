namespace LowBit.Manifest;

/// <summary>Checks of a layer's <c>weights</c> object: encoding and bits agree, and the payload has exactly the right length.</summary>
internal static class WeightRules
{
    public static bool Check(ValidationContext context, PackedWeights weights, long count, string shapeDescription, string path)
    {
        var required = PackedWeights.RequiredBits(weights.Encoding);
        bool bitsValid = required is int exact
            ? context.Check(weights.Bits == exact, path + ".bits", $"expected {exact} for {weights.Encoding.ToName()} weights, found {weights.Bits}", ManifestErrorKind.Unsupported)
            : context.Check(weights.Bits >= 2 && weights.Bits <= 8, path + ".bits", $"expected weight bits from 2 to 8 for signed weights (use \"binary\" for 1 bit), found {weights.Bits}", ManifestErrorKind.Unsupported);
        if (!bitsValid)
        {
            return false;
        }

        long expectedBytes = PackedWeights.PackedLength(count, weights.Bits);
        if (!context.Check(
                weights.Data.Length == expectedBytes,
                path + ".data",
                $"expected {expectedBytes} bytes ({count} weights {shapeDescription} × {weights.Bits} bits, packed), found {weights.Data.Length} bytes"))
        {
            return false;
        }

        int invalid = BitPacking.FindInvalidCode(weights.Encoding, weights.Bits, weights.Data, (int)count);
        return context.Check(
            invalid < 0,
            path + ".data",
            $"expected ternary codes 00, 01 or 11 (0, +1, −1), found code 10 at weight {invalid}");
    }
}
