namespace Millwright.Controller.Provisioning;

/// <summary>
/// A commissioning run: the nodes of a <see cref="BulkSheet"/> one after another on the same port, each with its own new
/// secret. Before each node the technician is asked to connect it (Enter; s skips it; q stops), or, unattended (--yes),
/// the run waits until the node just done leaves the port and another answers. A failed node does not stop the run;
/// the outcomes make the summary.
/// </summary>
public sealed class BulkProvisioner(Func<ISerialLine> openLine, IRegistryAccess registry, ProgressDisplay progress, TextReader input, Func<string, bool> confirm)
{
    private const string Skip = "skip";

    private readonly TextWriter _output = progress.Output;

    public required string PortName { get; init; }

    public bool Unattended { get; init; }

    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Unattended: how long to wait for the next node before the rest of the run is given up.</summary>
    public TimeSpan NextNodeTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public PortProbe Probe { get; init; } = new(openLine);

    public async Task<IReadOnlyList<BulkOutcome>> RunAsync(IReadOnlyList<BulkRow> rows, CancellationToken cancellationToken)
    {
        var outcomes = new List<BulkOutcome>();
        var attempted = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < rows.Count; i++)
        {
            ProvisioningRequest request = rows[i].Request;
            string counter = $"[{i + 1}/{rows.Count}]";
            string? stop = Unattended
                ? await WaitForNextNodeAsync(counter, request.DeviceId, attempted, cancellationToken).ConfigureAwait(false)
                : await AskForNextNodeAsync(counter, request.DeviceId, attempted).ConfigureAwait(false);
            if (stop == Skip)
            {
                outcomes.Add(new BulkOutcome(request.DeviceId, BulkStatus.Skipped, "skipped by the technician"));
                continue;
            }

            if (stop is not null)
            {
                outcomes.AddRange(rows.Skip(i).Select(r => new BulkOutcome(r.Request.DeviceId, BulkStatus.NotAttempted, stop)));
                break;
            }

            attempted.Add(request.DeviceId);
            outcomes.Add(await ProvisionAsync(counter, request, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    /// <summary>"summary: 2 provisioned, 1 failed, 0 skipped", then a line per node.</summary>
    public static void WriteSummary(TextWriter output, IReadOnlyList<BulkOutcome> outcomes)
    {
        int Count(BulkStatus status) => outcomes.Count(o => o.Status == status);
        int notAttempted = Count(BulkStatus.NotAttempted);
        output.WriteLine($"summary: {Count(BulkStatus.Provisioned)} provisioned, {Count(BulkStatus.Failed)} failed, {Count(BulkStatus.Skipped)} skipped" +
            (notAttempted > 0 ? $", {notAttempted} not attempted" : string.Empty));
        foreach (BulkOutcome outcome in outcomes)
        {
            output.WriteLine(outcome);
        }
    }

    private async Task<BulkOutcome> ProvisionAsync(string counter, ProvisioningRequest request, CancellationToken cancellationToken)
    {
        _output.WriteLine($"{counter} provisioning {request.DeviceId} on {PortName}");
        try
        {
            using ISerialLine line = openLine();
            var provisioner = new Provisioner(new ConsoleClient(line, ReplyTimeout), registry, progress, confirm);
            ProvisioningResult result = await provisioner.RunAsync(request, cancellationToken).ConfigureAwait(false);
            return new BulkOutcome(request.DeviceId, BulkStatus.Provisioned, $"key {result.KeyId}, epoch {result.Epoch}, first frame sequence {result.FirstSequence}");
        }
        catch (ProvisioningException e)
        {
            progress.Fail(e);
            return new BulkOutcome(request.DeviceId, BulkStatus.Failed, $"{ProgressDisplay.StepName(e.Step)}: {e.Message}");
        }
    }

    /// <summary>Null: go on with this node; <see cref="Skip"/>; anything else: why the run stops here.</summary>
    private async Task<string?> AskForNextNodeAsync(string counter, string deviceId, HashSet<string> attempted)
    {
        while (true)
        {
            _output.Write($"{counter} connect node {deviceId} to {PortName} and press Enter (s: skip it, q: stop the run) ");
            _output.Flush();
            string? answer = input.ReadLine()?.Trim();
            switch (answer)
            {
                case null: return "the run was stopped (end of input)";
                case "q" or "Q": return "the run was stopped by the technician";
                case "s" or "S": return Skip;
            }

            string? onPort = await Probe.AskAsync().ConfigureAwait(false);
            if (onPort is null)
            {
                progress.Note($"no node answers on {PortName}: check the cable and that the node is powered");
            }
            else if (attempted.Contains(onPort))
            {
                progress.Note($"the node on {PortName} is {onPort}, provisioned earlier in this run: connect {deviceId}'s node");
            }
            else
            {
                return null;
            }
        }
    }

    private async Task<string?> WaitForNextNodeAsync(string counter, string deviceId, HashSet<string> attempted, CancellationToken cancellationToken)
    {
        DateTime until = DateTime.UtcNow + NextNodeTimeout;
        if (attempted.Count > 0)
        {
            _output.WriteLine($"{counter} waiting up to {NextNodeTimeout.TotalSeconds:0} s for the node on {PortName} to be swapped for {deviceId}'s");
            while (await Probe.AskAsync().ConfigureAwait(false) is not null)
            {
                if (DateTime.UtcNow > until)
                {
                    return $"the node on {PortName} was not swapped within {NextNodeTimeout.TotalSeconds:0} s";
                }

                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            _output.WriteLine($"{counter} waiting up to {NextNodeTimeout.TotalSeconds:0} s for a node to answer on {PortName}");
        }

        while (await Probe.AskAsync().ConfigureAwait(false) is not { } onPort || attempted.Contains(onPort))
        {
            if (DateTime.UtcNow > until)
            {
                return $"no new node answered on {PortName} within {NextNodeTimeout.TotalSeconds:0} s";
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
