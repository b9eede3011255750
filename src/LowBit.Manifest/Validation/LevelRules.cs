namespace LowBit.Manifest;

/// <summary>Checks of a <see cref="LevelFormat"/> (bits, zero point, scale) at a JSON object path.</summary>
internal static class LevelRules
{
    public static bool CheckLevelFormat(ValidationContext context, LevelFormat levels, string path)
    {
        if (!context.Check(
                levels.Bits >= LevelFormat.MinBits && levels.Bits <= LevelFormat.MaxBits,
                path + ".bits",
                $"expected activation bits from {LevelFormat.MinBits} to {LevelFormat.MaxBits}, found {levels.Bits}"))
        {
            return false;
        }

        bool valid = context.Check(
            levels.ZeroPoint >= levels.Min && levels.ZeroPoint <= levels.Max,
            path + ".zeroPoint",
            $"expected a level from {levels.Min} to {levels.Max} ({levels}), found {levels.ZeroPoint}");
        valid &= context.Check(
            levels.Scale >= 0 && !float.IsInfinity(levels.Scale),
            path + ".scale",
            $"expected a finite scale ≥ 0, found {levels.Scale}");
        return valid;
    }
}
