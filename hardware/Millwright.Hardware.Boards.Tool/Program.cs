using Millwright.Hardware.Boards.Tool;

return BoardTool.Run(args, Console.Out, Console.Error);
