using System;
using LowBit.Cli;

return LowBitCli.Run(args, Console.Out, Console.Error);
