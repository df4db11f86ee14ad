using System.Globalization;
using Millwright.Controller.Devices;

namespace Millwright.Controller.Cli.Devices;

/// <summary>The parsed arguments of one `device` verb. A secret is never accepted as an argument (it would end up in
/// shell history and the process list): only from a file or standard input.</summary>
internal sealed record DeviceArguments(string Verb, string? DeviceId, string? DataDirectory)
{
    public string? ImportSecretFile { get; init; }

    public bool ImportSecretStdin { get; init; }

    public long Margin { get; init; } = KeyRotationPolicy.DefaultMargin;

    public static DeviceArguments Parse(ReadOnlySpan<string> args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new UsageException("device needs a verb: add, list, show, disable, enable, rotate-key or replace");
        }

        string verb = args[0];
        bool takesId = verb is "add" or "show" or "disable" or "enable" or "rotate-key" or "replace";
        if (!takesId && verb != "list")
        {
            throw new UsageException($"unknown device verb '{verb}'; expected add, list, show, disable, enable, rotate-key or replace");
        }

        var parsed = new DeviceArguments(verb, null, null);
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            parsed = arg switch
            {
                "--data-dir" => parsed with { DataDirectory = OptionReader.ReadText(args, ref i, "a directory") },
                "--import-secret-file" when verb is "add" or "replace" => parsed with { ImportSecretFile = OptionReader.ReadText(args, ref i, "a file path") },
                "--import-secret-stdin" when verb is "add" or "replace" => parsed with { ImportSecretStdin = true },
                "--margin" when verb is "rotate-key" => parsed with { Margin = ReadMargin(args, ref i) },
                "--secret" or "--import-secret" => throw new UsageException(
                    "a secret is never taken from the command line (shell history, process list): use --import-secret-file F or --import-secret-stdin"),
                _ when arg.StartsWith('-') => throw new UsageException($"device {verb} does not take {arg}"),
                _ when takesId && parsed.DeviceId is null => parsed with { DeviceId = arg },
                _ => throw new UsageException($"device {verb}: unexpected argument '{arg}'"),
            };
        }

        if (takesId && parsed.DeviceId is null)
        {
            throw new UsageException($"device {verb} needs a device id");
        }

        if (parsed.ImportSecretFile is not null && parsed.ImportSecretStdin)
        {
            throw new UsageException("use either --import-secret-file or --import-secret-stdin, not both");
        }

        return parsed;
    }

    private static long ReadMargin(ReadOnlySpan<string> args, ref int index)
    {
        if (index + 1 >= args.Length ||
            !long.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long margin) || margin < 1)
        {
            throw new UsageException("--margin takes a whole number of sequence numbers, at least 1");
        }

        index++;
        return margin;
    }
}
