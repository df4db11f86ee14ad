using Millwright.Controller.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
