using System;
using System.IO;
using LowBit.Fuzz;
using SharpFuzz;

// Usage: LowBit.Fuzz <manifest|onnx>             run under afl-fuzz (input on stdin, SharpFuzz's fork-server protocol)
//        LowBit.Fuzz <manifest|onnx> <file>...   replay saved inputs in-process; a defect escapes with its stack trace
if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: LowBit.Fuzz <{string.Join("|", FuzzTargets.Names)}> [input files to replay]");
    return 2;
}

if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream => target(ReadAll(stream)));
    return 0;
}

foreach (var file in args[1..])
{
    target(File.ReadAllBytes(file));
    Console.WriteLine($"{file}: no defect");
}

return 0;

static byte[] ReadAll(Stream stream)
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    return buffer.ToArray();
}
