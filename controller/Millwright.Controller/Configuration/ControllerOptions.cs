namespace Millwright.Controller.Configuration;

/// <summary>What this controller is and where it keeps its state (configuration section "Millwright").</summary>
public sealed class ControllerOptions
{
    public const string Section = "Millwright";

    /// <summary>Folder for the database and everything else the controller persists; relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The plant id in every topic (mw/v1/{plant}/...): 1-32 of a-z, 0-9, '-', '_'.</summary>
    public string PlantId { get; set; } = "plant";

    /// <summary>The data directory as an absolute path.</summary>
    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
