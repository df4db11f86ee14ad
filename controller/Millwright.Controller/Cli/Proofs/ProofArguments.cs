namespace Millwright.Controller.Cli.Proofs;

/// <summary>
/// The parsed arguments of `millwright proof`: a frame by log index or by (device, epoch, sequence), or with the
/// verb "consistency" two tree sizes.
/// </summary>
internal sealed record ProofArguments(bool Consistency)
{
    public string? DataDirectory { get; init; }

    public long? ChainId { get; init; }

    public string? OutputFile { get; init; }

    public long? LogIndex { get; init; }

    public string? DeviceId { get; init; }

    public int? Epoch { get; init; }

    public long? Sequence { get; init; }

    public bool AllowUnanchored { get; init; }

    public long? From { get; init; }

    public long? To { get; init; }

    public static ProofArguments Parse(ReadOnlySpan<string> args)
    {
        bool consistency = args.Length > 0 && args[0] == "consistency";
        var parsed = new ProofArguments(consistency);
        for (int i = consistency ? 1 : 0; i < args.Length; i++)
        {
            string arg = args[i];
            parsed = arg switch
            {
                "--data-dir" => parsed with { DataDirectory = OptionReader.ReadText(args, ref i, "a directory") },
                "--chain-id" => parsed with { ChainId = OptionReader.ReadLong(args, ref i, 1) },
                "--out" => parsed with { OutputFile = OptionReader.ReadText(args, ref i, "a file path") },
                "--log-index" when !consistency => parsed with { LogIndex = OptionReader.ReadLong(args, ref i, 1) },
                "--device" when !consistency => parsed with { DeviceId = OptionReader.ReadText(args, ref i, "a device id") },
                "--epoch" when !consistency => parsed with { Epoch = OptionReader.ReadInt(args, ref i, 1, int.MaxValue) },
                "--seq" when !consistency => parsed with { Sequence = OptionReader.ReadLong(args, ref i, 1) },
                "--unanchored" when !consistency => parsed with { AllowUnanchored = true },
                "--from" when consistency => parsed with { From = OptionReader.ReadLong(args, ref i, 1) },
                "--to" when consistency => parsed with { To = OptionReader.ReadLong(args, ref i, 1) },
                _ when arg.StartsWith('-') => throw new UsageException($"proof{(consistency ? " consistency" : string.Empty)} does not take {arg}"),
                _ => throw new UsageException($"proof: unexpected argument '{arg}'; the only verb is 'consistency'"),
            };
        }

        parsed.Check();
        return parsed;
    }

    private void Check()
    {
        if (Consistency)
        {
            if (From is null)
            {
                throw new UsageException("proof consistency needs --from N (the older tree size); --to M defaults to the newest anchored checkpoint");
            }

            return;
        }

        bool byDevice = DeviceId is not null || Epoch is not null || Sequence is not null;
        if (LogIndex is not null && byDevice)
        {
            throw new UsageException("name the frame either by --log-index N or by --device ID --epoch E --seq S, not both");
        }

        if (LogIndex is null && !(DeviceId is not null && Epoch is not null && Sequence is not null))
        {
            throw new UsageException(byDevice
                ? "a frame by device needs all three of --device ID --epoch E --seq S"
                : "proof needs a frame: --log-index N, or --device ID --epoch E --seq S");
        }
    }
}
