using System;

namespace LowBit.Runtime.Tests;

/// <summary>NaN inputs are refused, naming the first; ±∞ are numbers and saturate to the extreme input levels.</summary>
public sealed class BadNumberInputTests
{
    [Fact]
    public void NaN_is_an_argument_error_naming_the_first_index()
    {
        var interpreter = new ReferenceInterpreter(WorkedExample.Build());

        var error = Assert.Throws<ArgumentException>(() => interpreter.Predict(new[] { 0.3f, float.NaN, 2.5f, float.NaN }, new float[2]));

        Assert.Equal("input", error.ParamName);
        Assert.StartsWith("Expected a number at input[1], found NaN", error.Message);
    }

    [Fact]
    public void Infinities_give_what_the_extreme_finite_inputs_give()
    {
        var interpreter = new ReferenceInterpreter(WorkedExample.Build());
        var infinite = new float[2];
        var extreme = new float[2];

        interpreter.Predict(new[] { float.PositiveInfinity, float.NegativeInfinity, 0.3f, 0.125f }, infinite);
        var saturated = interpreter.InputLevels.ToArray();
        interpreter.Predict(new[] { float.MaxValue, float.MinValue, 0.3f, 0.125f }, extreme);

        Assert.Equal(extreme, infinite);
        Assert.Equal(interpreter.InputLevels.ToArray(), saturated);
        Assert.Equal(WorkedExample.Build().Input.Levels.Max, saturated[0]);
        Assert.Equal(WorkedExample.Build().Input.Levels.Min, saturated[1]);
    }
}
