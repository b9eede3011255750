using LowBit.Manifest;

namespace LowBit.Quantization.Export;

/// <summary>Where the exporter is in the graph: the id, shape and level format of the tensor the next
/// module reads.</summary>
internal sealed class ExportCursor
{
    public ExportCursor(TensorShape shape, double step, int zeroPoint, int levelMagnitude)
    {
        Shape = shape;
        Step = step;
        ZeroPoint = zeroPoint;
        LevelMagnitude = levelMagnitude;
    }

    public string Id { get; private set; } = ManifestFormat.InputId;

    public TensorShape Shape { get; private set; }

    /// <summary>Real value of one level step of the current tensor.</summary>
    public double Step { get; private set; }

    /// <summary>The level that means real 0.</summary>
    public int ZeroPoint { get; private set; }

    /// <summary>Largest |level| of the current tensor, for accumulator bounds.</summary>
    public int LevelMagnitude { get; private set; }

    /// <summary>True once a layer's accumulator became the float output: nothing may read it.</summary>
    public bool IsFloatOutput { get; private set; }

    /// <summary>Levels unchanged (pooling, flatten).</summary>
    public void MoveTo(string id, TensorShape shape) => (Id, Shape) = (id, shape);

    public void MoveToFloatOutput(string id, TensorShape shape) => (Id, Shape, IsFloatOutput) = (id, shape, true);

    public ExportCursor Copy()
    {
        var copy = new ExportCursor(Shape, Step, ZeroPoint, LevelMagnitude);
        copy.Id = Id;
        copy.IsFloatOutput = IsFloatOutput;
        return copy;
    }

    public void MoveTo(string id, TensorShape shape, double step, int zeroPoint, int levelMagnitude)
    {
        (Id, Shape) = (id, shape);
        (Step, ZeroPoint, LevelMagnitude) = (step, zeroPoint, levelMagnitude);
    }
}
