import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Meeting } from '#src/meetings/entities/meeting.entity.js';
import { Participant } from '#src/meetings/entities/participant.entity.js';
import { Segment } from '#src/sessions/entities/segment.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { Task } from '#src/tasks/entities/task.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { UsersRepository } from '#src/users/users.repository.js';
import { UsersService } from '#src/users/users.service.js';
import { Membership } from '#src/workspaces/entities/membership.entity.js';
import { WorkspacesService } from '#src/workspaces/workspaces.service.js';
import demoMeeting from './demo-meeting.json' with { type: 'json' };

interface DemoMeeting {
  source: string;
  title: string;
  turns: { speaker: string; text: string }[];
}

// The transcript labels speakers by their role in the AMI scenario; these are the people behind
// them, as they introduce themselves in it ("And I'm Andrew and I'm uh our marketing expert").
const TEAM = [
  { label: 'Project Manager', name: 'Laura Project-Manager', role: 'member' as const },
  { label: 'Industrial Designer', name: 'David Industrial-Designer', role: 'member' as const },
  { label: 'Marketing', name: 'Andrew Marketing', role: 'viewer' as const },
  { label: 'User Interface', name: 'Craig Interface-Designer', role: 'member' as const },
];
const WORDS_PER_MS = 150 / 60_000;

/**
 * An operator's demo: a workspace with four people, a scheduled and a past meeting, and a
 * session holding the real opening of an AMI design meeting. The session is left open, so
 * finalizing it (button, API, or the abandoned-session sweep) produces the insights.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UsersService,
    private readonly usersRepo: UsersRepository,
    private readonly workspaces: WorkspacesService,
  ) {}

  async seed(login: { email: string; password: string }) {
    const demo: DemoMeeting = demoMeeting;
    const owner = (await this.usersRepo.findByEmail(login.email)) ?? (await this.users.create({ email: login.email, password: login.password, name: 'Demo Owner' }));
    const workspace = await this.workspaces.create(owner, { name: 'Demo: remote control team' });

    const people: Record<string, User> = {};
    for (const person of TEAM) {
      const email = `${person.name.split(' ')[0].toLowerCase()}.${workspace.slug}@demo.mina.local`;
      const user = (await this.usersRepo.findByEmail(email)) ?? (await this.users.create({ email, password: login.password, name: person.name }));
      this.em.create(Membership, { workspace: workspace.id, user, role: person.role });
      people[person.label] = user;
    }

    const start = new Date(Date.now() - 3 * 24 * 3600_000);
    const meeting = this.em.create(Meeting, {
      workspace: workspace.id,
      organizer: owner,
      title: demo.title,
      description: `Demo content: ${demo.source}`,
      status: 'live',
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 30 * 60_000),
    });
    for (const person of TEAM) this.em.create(Participant, { meeting, user: people[person.label], role: 'attendee', status: 'joined', joinedAt: start });
    this.em.create(Meeting, {
      workspace: workspace.id,
      organizer: owner,
      title: 'Functional design review',
      status: 'scheduled',
      scheduledStart: new Date(Date.now() + 2 * 24 * 3600_000),
    });

    const session = this.em.create(TranscriptionSession, {
      workspace: workspace.id,
      user: owner,
      meeting,
      title: demo.title,
      status: 'recording',
      language: 'en',
      startedAt: start,
      speakerNames: Object.fromEntries(TEAM.map((p) => [p.label, p.name.split(' ')[0]])),
    });
    meeting.session = session;
    let at = 0;
    demo.turns.forEach((turn, seq) => {
      const duration = Math.max(600, Math.round(turn.text.split(/\s+/).length / WORDS_PER_MS));
      this.em.create(Segment, { session, seq, kind: 'final', text: turn.text, speaker: turn.speaker, startMs: at, endMs: at + duration, confidence: 0.92, language: 'en' });
      at += duration + 300;
    });
    this.em.create(Task, {
      workspace: workspace.id,
      meeting,
      session,
      title: 'Send the kick-off minutes to the team',
      createdBy: owner,
      assignedTo: people['Project Manager'],
      priority: 'medium',
      dueDate: new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10),
    });
    await this.em.flush();
    return { workspaceId: workspace.id, workspaceName: workspace.name, email: login.email, password: login.password };
  }
}
