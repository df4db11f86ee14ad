using Millwright.Controller.Cli.Devices;
using Millwright.Controller.Cli.Proofs;
using Millwright.Controller.Cli.Verification;
using Millwright.Controller.Demo;

namespace Millwright.Controller.Cli;

/// <summary>The `millwright` command line: one verb, then its options. A mistake prints what was expected.</summary>
internal static class CommandLine
{
    internal const string Usage =
        """
        usage: millwright <command> [options]

        commands:
          bench [--devices 100,1000] [--brokers embedded,mosquitto] ...
                 ingest under load: simulated devices over real MQTT against a separate controller process,
                 embedded broker and Mosquitto; frames/s, readings/s, publish→ack latency (`millwright bench help`)
          demo [--devices N] [--seconds S] [--seed N] [--time-scale X]
                 run the controller (embedded MQTT broker, SQLite, API) and a fleet of virtual nodes
                 running the real firmware; report what was stored
          demo --protocol [--devices N] [--frames N] [--seed N]
                 in-process walk-through: sign, verify, refuse a forged and a replayed frame, Merkle proof
          device <verb> ...
                 the device registry: add, list, show, disable, enable, rotate-key, replace
                 (`millwright device help` for details)
          proof (--log-index N | --device ID --epoch E --seq S) [--unanchored] [--out FILE]
          proof consistency --from N [--to M] [--out FILE]
                 export a proof bundle from the data directory: a frame's inclusion proof against the earliest
                 anchored checkpoint that holds it, or a consistency proof (`millwright proof help`)
          provision --port DEV --device-id ID --plant P --broker HOST:PORT ...
                 give a node on a serial port its identity, network and secret, prove it, and wait
                 for its first signed frame; --bulk NODES.csv for many nodes on the same port
                 (`millwright provision help`)
          serve [--data-dir D] [--urls U] [--mqtt-port N] ...
                 run the controller: MQTT, ingest, storage, HTTP API (`millwright serve help`)
          verify BUNDLE [--rpc URL [--confirmations N]] [--secret-file F]
                 the auditor's check of a proof bundle, offline: frame, RFC 9162 inclusion or consistency; with
                 --rpc the anchored root on chain and its depth; with --secret-file the frame's MAC
                 (`millwright verify help`, docs/verification.md)
          help   show this text
        """;

    internal static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            return args[0] switch
            {
                "bench" => Bench.BenchCommand.Run(args.AsSpan(1), output, error),
                "demo" => FleetDemo.Run(DemoOptions.Parse(args.AsSpan(1)), output, error),
                "serve" => ServeCommand.Run(args.AsSpan(1), output, error),
                "device" => DeviceCommand.Run(args.AsSpan(1), output, error, Console.OpenStandardInput),
                "provision" => ProvisionCommand.Run(args.AsSpan(1), output, error, Console.In),
                "proof" => ProofCommand.Run(args.AsSpan(1), output, error),
                "verify" => VerifyCommand.Run(args.AsSpan(1), output, error, () => Console.In),
                _ => Fail(error, $"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            return Fail(error, e.Message);
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"millwright: {message}");
        error.WriteLine(Usage);
        return 2;
    }
}
