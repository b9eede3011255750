using System;
using System.IO;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Training;

/// <summary>
/// What a run needs to continue exactly where it stopped, written after every epoch: the model state
/// (<c>path</c>), Adam's moments (<c>path.optimizer</c>), the global random state that DropBits and shuffled
/// initialisations draw from (<c>path.rng</c>), and the last finished epoch (<c>path.progress.json</c>).
/// The shuffling order is not stored: it is replayed from the seed.
/// </summary>
public static class TrainingCheckpoint
{
    public static void Save(string path, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer, int epoch, TrainingOptions options)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        model.save(path);
        optimizer.save_state_dict(path + ".optimizer");
        using var state = random.get_rng_state();
        File.WriteAllBytes(path + ".rng", state.data<byte>().ToArray());
        File.WriteAllText(ProgressPath(path), JsonSerializer.Serialize(new Progress(epoch, options.Epochs, options.Seed)));
    }

    /// <summary>Loads a checkpoint into the model and optimizer and returns the last finished epoch; 0
    /// when there is no checkpoint yet (a fresh start). Throws when it belongs to a different run.</summary>
    public static int Load(string path, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer, TrainingOptions options)
    {
        if (!File.Exists(ProgressPath(path)))
        {
            return 0;
        }

        var progress = JsonSerializer.Deserialize<Progress>(File.ReadAllText(ProgressPath(path)))
            ?? throw new InvalidDataException($"{ProgressPath(path)}: expected {{\"Epoch\", \"Epochs\", \"Seed\"}}");
        if (progress.Epochs != options.Epochs || progress.Seed != options.Seed)
        {
            throw new InvalidDataException($"{path}: the checkpoint is of a {progress.Epochs}-epoch run with seed {progress.Seed}; resuming needs the same --epochs and --seed (asked: {options.Epochs}, {options.Seed})");
        }

        model.load(path);
        optimizer.load_state_dict(path + ".optimizer");
        random.set_rng_state(tensor(File.ReadAllBytes(path + ".rng")));
        return progress.Epoch;
    }

    private static string ProgressPath(string path) => path + ".progress.json";

    private sealed record Progress(int Epoch, int Epochs, int Seed);
}
