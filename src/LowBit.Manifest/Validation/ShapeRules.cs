namespace LowBit.Manifest;

/// <summary>Shape checks shared by the validator's rules.</summary>
internal static class ShapeRules
{
    public static bool CheckDims(ValidationContext context, TensorShape shape, string path)
    {
        for (int axis = 0; axis < shape.Rank; axis++)
        {
            if (!context.Check(shape[axis] >= 1, $"{path}[{axis}]", $"expected a dimension ≥ 1, found {shape[axis]}"))
            {
                return false;
            }
        }

        return context.Check(
            shape.LongLength <= ManifestValidator.MaxTensorElements,
            path,
            $"expected at most {ManifestValidator.MaxTensorElements} elements per sample, found {shape.LongLength} in {shape}");
    }

    public static bool CheckStated(ValidationContext context, TensorShape stated, TensorShape inferred, string path, string because) =>
        context.Check(stated.Equals(inferred), path, $"expected {inferred} ({because}), found {stated}");

    public static bool RequireFeatureMap(ValidationContext context, TensorInfo input, string inputId, string path) =>
        context.Check(
            input.Shape.Rank == 3,
            path,
            $"expected a [channels, height, width] feature map, found \"{inputId}\" with shape {input.Shape}");
}
