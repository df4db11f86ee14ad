using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Cli.Devices;

/// <summary>The gaps part of `device show`: open gaps (frames that may still arrive) and declared losses.</summary>
internal static class DeviceReportGaps
{
    private const int MaxListed = 20;

    public static void Write(TextWriter output, DeviceGaps gaps)
    {
        output.WriteLine($"open gaps   {(gaps.Open.Count == 0 ? "none" : gaps.Open.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        foreach (SequenceGap gap in gaps.Open.Take(MaxListed))
        {
            output.WriteLine($"  epoch {gap.Epoch}: {gap.First}..{gap.Last} ({gap.Last - gap.First + 1} missing)");
        }

        output.WriteLine($"lost        {(gaps.Declared.Count == 0 ? "none declared" : $"{gaps.Declared.Count} gap records")}");
        foreach (DeclaredLoss loss in gaps.Declared.TakeLast(MaxListed))
        {
            string reason = Enum.IsDefined((GapReason)loss.Reason) ? ((GapReason)loss.Reason).ToString() : $"reason {loss.Reason}";
            output.WriteLine($"  epoch {loss.Epoch}: {loss.FirstDropped}..{loss.LastDropped} dropped ({reason}), record {loss.Sequence}");
        }
    }
}
