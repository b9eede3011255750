namespace LowBit.Data;

/// <summary>A training set and a disjoint test set.</summary>
public sealed record MnistSplit(MnistDataset Train, MnistDataset Test);
