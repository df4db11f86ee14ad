using System.Globalization;
using System.Runtime.InteropServices;

namespace Millwright.Controller.Cli.Bench;

/// <summary>The bench's output: the machine, then one Markdown table row per measured phase.</summary>
internal static class BenchReport
{
    internal const string Header =
        "| devices | broker | phase | offered frames/s | acked frames/s | acked readings/s | p50 ms | p95 ms | p99 ms | controller CPU (cores) | generator CPU | Mosquitto CPU | controller CPU ms / 1000 frames | frames / batch | batch commit ms | batches > 0.5 s | resent | ack timeouts | backlog at end |\n" +
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    internal static string Row(PhaseResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Devices:N0} | {r.Broker} | {r.Phase} | {r.OfferedFramesPerSecond:N0} | {r.AckedFramesPerSecond:N0} | {r.AckedReadingsPerSecond:N0} | " +
        $"{Ms(r.P50)} | {Ms(r.P95)} | {Ms(r.P99)} | {r.ControllerCores:F2} | {r.GeneratorCores:F2} | {(r.Broker == "mosquitto" ? r.BrokerCores.ToString("F2", CultureInfo.InvariantCulture) : "–")} | " +
        $"{r.ControllerCpuMsPerThousandFrames:F0} | {r.FramesPerBatch:F0} | {r.BatchCommitMeanMs:F1} | {r.SlowBatches:N0} | {r.DeviceWork.Resent:N0} | {r.DeviceWork.Timeouts:N0} | {r.BacklogAtEnd:N0} |");

    internal static string Machine()
    {
        string cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        string memory = ReadFirst("/proc/meminfo", "MemTotal") ?? "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores ({cpu}), RAM {memory}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {ReadLoad()}");
    }

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString(value.TotalMilliseconds < 10 ? "F1" : "F0", CultureInfo.InvariantCulture);

    private static string? ReadFirst(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        string? line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string ReadLoad() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
