// Registers the Interview tab in the editor sidebar (imported for its side effect from src/plugins.ts).
import { registerSidePanel } from "../extensions";
import { InterviewPanel } from "./InterviewPanel";

registerSidePanel({ id: "interview", title: "Interview", Component: InterviewPanel });
