using Microsoft.Extensions.Options;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Configuration;

/// <summary>Checks <see cref="IngestOptions"/> at start; every message names its key.</summary>
internal sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    private const string Key = "Millwright:Ingest";

    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var checks = new OptionChecks();
        checks.Range($"{Key}:QueueCapacity", options.QueueCapacity, 1, 1_000_000);
        checks.Range($"{Key}:BatchSize", options.BatchSize, 1, 10_000);
        checks.Duration($"{Key}:BatchMaxDelay", options.BatchMaxDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10));
        checks.Duration($"{Key}:MaxClockSkew", options.MaxClockSkew, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        checks.Duration($"{Key}:MaxFrameAge", options.MaxFrameAge, TimeSpan.FromMinutes(1), TimeSpan.FromDays(3650));
        checks.Range($"{Key}:MaxMessageBytes", options.MaxMessageBytes, 64, ProtocolLimits.MaxMessageBytes, "the protocol's limit is 2048");
        return checks.Result();
    }
}
