namespace LowBit.Manifest;

/// <summary>Checks of a <see cref="LevelFormat"/> (bits, zero point, scale) at a JSON object path.</summary>
internal static class LevelRules
{
    /// <param name="inputQuantizer">The model input's levels: its quantizer divides by the scale, so 0 is refused too.</param>
    public static bool CheckLevelFormat(ValidationContext context, LevelFormat levels, string path, bool inputQuantizer = false)
    {
        if (!context.Check(
                levels.Bits >= LevelFormat.MinBits && levels.Bits <= LevelFormat.MaxBits,
                path + ".bits",
                $"expected activation bits from {LevelFormat.MinBits} to {LevelFormat.MaxBits}, found {levels.Bits}",
                ManifestErrorKind.Unsupported))
        {
            return false;
        }

        bool valid = context.Check(
            levels.ZeroPoint >= levels.Min && levels.ZeroPoint <= levels.Max,
            path + ".zeroPoint",
            $"expected a level from {levels.Min} to {levels.Max} ({levels}), found {levels.ZeroPoint}");
        var scale = levels.Scale.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        valid &= inputQuantizer
            ? context.Check(levels.Scale > 0 && !float.IsInfinity(levels.Scale), path + ".scale", $"expected a finite scale > 0 (the input quantizer divides by it), found {scale}")
            : context.Check(levels.Scale >= 0 && !float.IsInfinity(levels.Scale), path + ".scale", $"expected a finite scale ≥ 0, found {scale}");
        return valid;
    }
}
