using System;
using System.Collections.Generic;
using LowBit.Manifest;

namespace LowBit.TestModels;

/// <summary>
/// The builder's model of a tensor's values: a probability for each level, per channel (or per
/// feature of a vector). It assumes the elements are independent, which they are not, but it tracks
/// means, spreads and pooling well enough to put thresholds where the accumulators really fall.
/// </summary>
internal sealed class LevelStatistics
{
    private readonly double[][] _probabilities;
    private readonly double[] _means;
    private readonly double[] _secondMoments;

    /// <param name="levels">The level grid.</param>
    /// <param name="probabilities">Per group, the probability of each level from <see cref="LevelFormat.Min"/> up.</param>
    /// <param name="elementsPerGroup">Element i of the channel-major flattened tensor belongs to group i / elementsPerGroup.</param>
    public LevelStatistics(LevelFormat levels, double[][] probabilities, int elementsPerGroup)
    {
        Levels = levels;
        _probabilities = probabilities;
        ElementsPerGroup = elementsPerGroup;
        _means = new double[probabilities.Length];
        _secondMoments = new double[probabilities.Length];
        for (int g = 0; g < probabilities.Length; g++)
        {
            double mean = 0;
            double second = 0;
            for (int k = 0; k < probabilities[g].Length; k++)
            {
                double level = levels.Min + k;
                mean += probabilities[g][k] * level;
                second += probabilities[g][k] * level * level;
            }

            _means[g] = mean;
            _secondMoments[g] = second;
        }
    }

    public LevelFormat Levels { get; }

    public int ElementsPerGroup { get; }

    /// <summary>Levels spread evenly over their range, as the builder assumes for the model input.</summary>
    public static LevelStatistics Uniform(LevelFormat levels, int groups, int elementsPerGroup)
    {
        var probabilities = new double[groups][];
        for (int g = 0; g < groups; g++)
        {
            probabilities[g] = new double[levels.LevelCount];
            for (int k = 0; k < levels.LevelCount; k++)
            {
                probabilities[g][k] = 1.0 / levels.LevelCount;
            }
        }

        return new LevelStatistics(levels, probabilities, elementsPerGroup);
    }

    /// <summary>
    /// A normal variable rounded to the nearest level and clamped to the level range, e.g. an average
    /// of levels.
    /// </summary>
    public static double[] RoundedNormal(LevelFormat levels, double mean, double deviation)
    {
        deviation = Math.Max(deviation, 0.05);
        var probabilities = new double[levels.LevelCount];
        double below = 0;
        for (int k = 0; k < levels.LevelCount; k++)
        {
            int level = levels.Min + k;
            double atOrBelow = level == levels.Max ? 1 : DeterministicMath.NormalCdf((level + 0.5 - mean) / deviation);
            probabilities[k] = Math.Max(0, atOrBelow - below);
            below = atOrBelow;
        }

        return probabilities;
    }

    /// <summary>The group holding channel (feature map) or feature (vector) <paramref name="index"/> of a tensor of <paramref name="shape"/>.</summary>
    public int GroupOf(int index, TensorShape shape) => shape.Rank == 3 ? index : index / ElementsPerGroup;

    public double Mean(int group) => _means[group];

    public double SecondMoment(int group) => _secondMoments[group];

    public double Variance(int group) => Math.Max(0, _secondMoments[group] - (_means[group] * _means[group]));

    public IReadOnlyList<double> Probabilities(int group) => _probabilities[group];
}
