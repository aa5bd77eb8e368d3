-- Whether a (stream) assistant's calls are recorded as stereo WAV; the domain refuses it for other runtimes.
ALTER TABLE assistants ADD COLUMN recording boolean NOT NULL DEFAULT false;
