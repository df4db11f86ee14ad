using Millwright.Hardware.Virtual.Cli;

return await VirtualBoardCommandLine.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
