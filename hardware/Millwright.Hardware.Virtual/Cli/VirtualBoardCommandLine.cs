namespace Millwright.Hardware.Virtual.Cli;

/// <summary>The verbs of the virtual board program: run, fleet, maintain (docs/virtual-board.md).</summary>
internal static class VirtualBoardCommandLine
{
    public const string Usage = """
        usage: Millwright.Hardware.Virtual <verb> [options]

          run       one virtual board
                    --data-dir DIR [--board FILE] [--device-id ID --plant P --broker HOST:PORT [--tls] [--ca-file PEM]]
                    [--secret-file FILE] [--time-scale S] [--seed N] [--sample-period-ms MS] [--utc host|unsynced]
                    [--pty-link PATH] [--no-console] [--no-fsync] [--machine FILE] [--status-interval-s S]
                    [--duration-s S] [--figures-every-ms MS] [--quiet]
          fleet     N virtual boards, each with its own id, secret, data directory and machine
                    --count N --plant P --broker HOST:PORT --data-dir DIR [--prefix press-] [--board FILE] [--tls]
                    [--ca-file PEM] [--time-scale S] [--seed N] [--sample-period-ms MS] [--workers K]
                    [--process-per-board [--kill-every-s S]] [--console] [--no-fsync] [--machine FILE]
                    [--status-interval-s S] [--utc host|unsynced] [--duration-s S]
          maintain  service the machine of a running board: --data-dir DIR (the board's own directory)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            string[] rest = args[1..];
            using var shutdown = new ShutdownSignal();
            switch (args[0])
            {
                case "run":
                    return await RunCommand.RunAsync(new OptionReader(rest, RunOptionsParser.Flags), output, error, shutdown.Token).ConfigureAwait(false);
                case "fleet":
                    return await FleetCommand.RunAsync(new OptionReader(rest, FleetCommand.Flags), output, error, shutdown.Token).ConfigureAwait(false);
                case "maintain":
                    return MaintainCommand.Run(new OptionReader(rest, new HashSet<string>()), output);
                default:
                    throw new UsageException($"unknown verb '{args[0]}'");
            }
        }
        catch (UsageException e)
        {
            error.WriteLine("error: " + e.Message);
            error.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or UnauthorizedAccessException
                                      or Millwright.Hardware.Boards.Loading.BoardFileException or InvalidDataException)
        {
            error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}
