// Keeps a failure in one practice panel (an answer of an unexpected shape) from blanking the whole editor.
import { Component, type ReactNode } from "react";

export class Boundary extends Component<{ what: string; children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };

  static getDerivedStateFromError(error: Error) {
    return { error: error.message };
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <p className="field-error" role="alert">
        The {this.props.what} could not be shown ({this.state.error}). Reload the page to try again; your design is safe.
      </p>
    );
  }
}
