using Millwright.Hardware.Virtual.Board;

namespace Millwright.Hardware.Virtual.Cli;

/// <summary>`maintain --data-dir DIR`: asks the board running on DIR to service its machine (wear reset, failure repaired).</summary>
internal static class MaintainCommand
{
    public static int Run(OptionReader options, TextWriter output)
    {
        string directory = options.RequiredText("--data-dir");
        options.RejectUnknown();
        MaintenanceTrigger.Request(directory);
        output.WriteLine($"maintenance requested for the board in {directory}: it is done within a second if the board runs, else at its next start");
        return 0;
    }
}
